/** The generated operation types and lists agree with the service model. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import model from '../../model/cognito-idp.model.json' with { type: 'json' }
import { authOf } from '../../src/cognito.ts'
import { ACCESS_TOKEN_OPERATIONS, NO_AUTH_OPERATIONS } from '../../src/operations.generated.ts'
import type { CallInput, Model, OperationErrorName, OperationName, Operations, SigV4OperationName, UserOperationName } from '../../src/index.ts'

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const assertType = <T extends true>(): T => true as T

test('every model operation has its authorisation class in the generated lists', () => {
  const ops = Object.values(model.operations) as Array<{ name: string; 'x-auth': string }>
  assert.equal(ops.length, 140)
  for (const op of ops) assert.equal(authOf(op.name), op['x-auth'], op.name)
  assert.equal(NO_AUTH_OPERATIONS.split(' ').length + ACCESS_TOKEN_OPERATIONS.split(' ').length, 34)
})

test('types: auth classes, inputs, outputs and error names come from the model', () => {
  assertType<Equal<Operations['InitiateAuth']['auth'], 'none'>>()
  assertType<Equal<Operations['GetUser']['auth'], 'access-token'>>()
  assertType<Equal<Operations['AdminGetUser']['auth'], 'sigv4'>>()
  assertType<Equal<'GetUser' extends UserOperationName ? true : false, true>>()
  assertType<Equal<'AdminGetUser' extends SigV4OperationName ? true : false, true>>()
  assertType<Equal<'AdminGetUser' extends UserOperationName ? true : false, false>>()
  assertType<Equal<Model.AuthFlowType extends string ? true : false, true>>()
  assertType<Equal<'CodeMismatchException' extends OperationErrorName<'ConfirmForgotPassword'> ? true : false, true>>()
  const input: CallInput<'ChangePassword'> = { PreviousPassword: 'a', ProposedPassword: 'b' } // AccessToken optional
  const all: OperationName[] = ['InitiateAuth', 'ListUsers']
  assert.equal(all.length + Object.keys(input).length, 4)
})
