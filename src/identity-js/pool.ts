/**
 * `CognitoUserPool`: amazon-cognito-identity-js's pool, over a client from `createClient` (kept as
 * {@link CognitoUserPool.client}, usable with every cognito-edge function): sign-up, and the
 * current user from storage.
 * @module
 */
import { createClient, type ClientOptions, type CognitoClient } from '../client.ts'
import { need } from '../errors.ts'
import { register } from '../functions/registration.ts'
import { toNode } from './callbacks.ts'
import { given } from './details.ts'
import { attributeRecord } from './user-account.ts'
import { defaultStorage, lastUserKey, prefixOf } from './storage.ts'
import type { ClientMetadata, ICognitoStorage, ICognitoUserAttributeData, ICognitoUserPoolData, ISignUpResult, NodeCallback } from './types.ts'
import { userAgentHeaders } from './user-agent.ts'
import { CognitoUser } from './user.ts'

/** A user pool and app client: where users sign up and sign in. */
export class CognitoUserPool {
  /** The user pool id. */
  userPoolId: string
  /** The app client id. */
  clientId: string
  /** Where tokens are kept (the default storage of the pool's users). */
  storage: ICognitoStorage
  /** The cognito-edge client of this pool: pass it to the library's functions to move to them one call at a time. */
  client: CognitoClient
  /** Accepted for compatibility (no advanced-security data is collected). */
  advancedSecurityDataCollectionFlag: boolean
  /** Wraps the callback of every `refreshSession` of the pool's users. */
  wrapRefreshSessionCallback?: ((target: NodeCallback.Any) => NodeCallback.Any) | undefined

  /**
   * @param data - `UserPoolId`, `ClientId`, and optionally `endpoint`, `Storage`, `fetchOptions`,
   *   and the cognito-edge transport options `fetch`, `signal`, `timeout`, `retry`
   * @param wrapRefreshSessionCallback - wraps each `refreshSession` callback
   * @throws {Error} a missing or malformed `UserPoolId`, or no `ClientId`
   */
  constructor(data: ICognitoUserPoolData, wrapRefreshSessionCallback?: (target: NodeCallback.Any) => NodeCallback.Any) {
    const { UserPoolId, ClientId, endpoint, fetchOptions, fetch: f, signal, timeout, retry } = data || ({} as ICognitoUserPoolData)
    if (!UserPoolId || !ClientId) throw new Error('Both UserPoolId and ClientId are required.')
    if (UserPoolId.length > 55 || !/^[\w-]+_[0-9a-zA-Z]+$/.test(UserPoolId)) throw new Error('Invalid UserPoolId format.')
    this.userPoolId = UserPoolId
    this.clientId = ClientId
    const credentials = fetchOptions?.credentials
    const withCredentials = credentials && ((url: string, init: RequestInit) => (f ?? need<typeof fetch>('fetch'))(url, { ...init, credentials }))
    // as acij: no endpoint (empty, null) is the regional one; `/path` on a page is the page's, as its fetch resolves it
    const page = (globalThis as { location?: { href: string } }).location
    // options left undefined take the client's defaults
    this.client = createClient({ userPoolId: UserPoolId, clientId: ClientId, endpoint: endpoint ? (page && endpoint[0] == '/' ? new URL(endpoint, page.href).href : endpoint) : undefined, signal, timeout, retry, headers: userAgentHeaders, fetch: withCredentials || f } as ClientOptions)
    this.advancedSecurityDataCollectionFlag = data.AdvancedSecurityDataCollectionFlag !== false
    this.storage = data.Storage || defaultStorage()
    this.wrapRefreshSessionCallback = wrapRefreshSessionCallback
  }

  /** The user pool id. */
  getUserPoolId(): string {
    return this.userPoolId
  }

  /** The pool name: the part of the id after `_`. */
  getUserPoolName(): string {
    return this.userPoolId.split('_')[1]!
  }

  /** The app client id. */
  getClientId(): string {
    return this.clientId
  }

  /**
   * Sign a user up (SignUp); the callback gets `{ user, userConfirmed, userSub, codeDeliveryDetails }`.
   * @param validationData - for a pre sign-up Lambda trigger (not stored); `null` for none
   */
  signUp(
    username: string,
    password: string,
    userAttributes: (CognitoUserAttributeLike | ICognitoUserAttributeData)[] | null,
    validationData: (CognitoUserAttributeLike | ICognitoUserAttributeData)[] | null,
    callback: NodeCallback<Error, ISignUpResult>,
    clientMetadata?: ClientMetadata,
  ): void {
    const work = async (): Promise<ISignUpResult> => {
      const r = await register(this.client, username, password, { attributes: attributeRecord(userAttributes), validationData: attributeRecord(validationData), clientMetadata: given(clientMetadata) })
      return { user: new CognitoUser({ Username: username, Pool: this, Storage: this.storage }), userConfirmed: r.UserConfirmed, userSub: r.UserSub, codeDeliveryDetails: r.CodeDeliveryDetails as ISignUpResult['codeDeliveryDetails'] }
    }
    toNode(work, callback)
  }

  /** The last signed-in user in storage, or null. Call its `getSession` to use it. */
  getCurrentUser(): CognitoUser | null {
    const last = this.storage.getItem(lastUserKey(prefixOf(this.clientId)))
    return last ? new CognitoUser({ Username: last, Pool: this, Storage: this.storage }) : null
  }
}

/** An attribute with `Name` and `Value` (a `CognitoUserAttribute`). */
type CognitoUserAttributeLike = ICognitoUserAttributeData
