/**
 * The small input values of `cognito-edge/identity-js`: {@link AuthenticationDetails} (who signs
 * in, with what) and {@link CognitoUserAttribute} (one `Name` / `Value` pair).
 * @module
 */
import type { ClientMetadata, IAuthenticationDetailsData, ICognitoUserAttributeData } from './types.ts'

/** An optional argument as the library's functions take it: `null` is none (acij sends it, and Cognito reads a JSON null as left out). */
export const given = <T>(v: T | null | undefined): T | undefined => v ?? undefined

/** The credentials of a sign-in. */
export class AuthenticationDetails {
  /** The name the user signs in with. */
  username: string
  #password: string | undefined
  /** Passed to Lambda triggers as ClientMetadata when not empty. */
  validationData: { [key: string]: any }
  /** Kept for compatibility: not sent (InitiateAuth takes only the parameters Cognito defines). */
  authParameters: { [key: string]: any }
  /** Passed to Lambda triggers. */
  clientMetadata: { [key: string]: string }

  /** @param data - `Username`, `Password`, `ValidationData`, `ClientMetadata` */
  constructor(data: IAuthenticationDetailsData & { AuthParameters?: { [key: string]: any } }) {
    const { Username, Password, ValidationData, AuthParameters, ClientMetadata } = data ?? ({} as IAuthenticationDetailsData)
    this.username = Username
    this.#password = Password
    this.validationData = ValidationData || {}
    this.authParameters = AuthParameters || {}
    this.clientMetadata = ClientMetadata || {}
  }

  /** The username. */
  getUsername(): string {
    return this.username
  }

  /** The password (a private field: `JSON.stringify` and `util.inspect` never show it). */
  get password(): string | undefined {
    return this.#password
  }

  /** The password. */
  getPassword(): string {
    return this.#password!
  }

  /** The validation data. */
  getValidationData(): any[] {
    return this.validationData as any[]
  }

  /** The extra authentication parameters. */
  getAuthParameters(): { [key: string]: any } {
    return this.authParameters
  }

  /** The client metadata. */
  getClientMetadata(): ClientMetadata {
    return this.clientMetadata
  }

  /** What Lambda triggers receive: the validation data when there is any, else the client metadata. */
  metadata(): Record<string, string> {
    return Object.keys(this.validationData).length ? this.validationData : this.clientMetadata
  }
}

/** One user attribute. */
export class CognitoUserAttribute implements ICognitoUserAttributeData {
  /** Attribute name. */
  Name: string
  /** Attribute value. */
  Value: string

  /** @param data - `{ Name, Value }` */
  constructor(data: ICognitoUserAttributeData = { Name: '', Value: '' }) {
    this.Name = data.Name || ''
    this.Value = data.Value || ''
  }

  /** The value. */
  getValue(): string {
    return this.Value
  }

  /** Set the value; returns the attribute. */
  setValue(value: string): CognitoUserAttribute {
    this.Value = value
    return this
  }

  /** The name. */
  getName(): string {
    return this.Name
  }

  /** Set the name; returns the attribute. */
  setName(name: string): CognitoUserAttribute {
    this.Name = name
    return this
  }

  /** The attribute as JSON. */
  toString(): string {
    return JSON.stringify(this)
  }

  /** `{ Name, Value }`. */
  toJSON(): { Name: string; Value: string } {
    return { Name: this.Name, Value: this.Value }
  }
}
