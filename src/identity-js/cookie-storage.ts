/**
 * `CookieStorage`: tokens in `document.cookie` (browsers only), with acij's options and defaults
 * (path `/`, 365 days, Secure, no SameSite). Names are spelled as acij's cookie library spells
 * them (a name spelled otherwise is another cookie), values percent-encoded the way it reads
 * them, so cookies written by either package are read, replaced and removed by the other.
 * @module
 */
import { argError } from '../errors.ts'
import type { ICognitoStorage, ICookieStorageData } from './types.ts'

/** The page's cookie jar; where there is no `document` (server rendering), an empty one that keeps nothing, as acij's cookie library behaves there. */
const jar = (): { cookie?: string } => (globalThis as { document?: { cookie?: string } }).document || {}

/** decodeURIComponent that leaves a malformed sequence as it is. */
function decode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Every cookie the page sees, by name. */
function cookies(): Map<string, string> {
  const out = new Map<string, string>()
  const all = jar().cookie
  for (const pair of all ? all.split('; ') : []) {
    // a pair without "=" is a name with an empty value (-1 >>> 0 slices the whole pair, then nothing)
    const i = pair.indexOf('=') >>> 0
    const name = decode(pair.slice(0, i))
    const value = pair.slice(i + 1)
    // a quoted value (RFC 6265 allows it) is read without its quotes, as acij's cookie library reads it
    if (!out.has(name)) out.set(name, decode(value[0] == '"' ? value.slice(1, -1) : value))
  }
  return out
}

/** A storage over cookies, for tokens shared with subdomains or sent to your own server. */
export class CookieStorage implements ICognitoStorage {
  /** Cookie domain (default: the page's host). */
  domain: string | undefined
  /** Cookie path. */
  path: string
  /** Lifetime in days, or the moment a Date names, which acij's cookie library takes too (undefined: a session cookie). */
  expires: number | Date | undefined
  /** The Secure flag. */
  secure: boolean
  /** The SameSite attribute, or null for none. */
  sameSite: 'strict' | 'lax' | 'none' | null

  /**
   * @param data - `domain`, `path` (default `/`), `expires` (days, default 365), `secure` (default
   *   true), `sameSite` (`strict`, `lax` or `none`, which needs `secure`)
   * @throws {ArgumentError} an `expires` that is neither a finite number nor a valid Date (null or
   *   undefined: a session cookie)
   * @throws {Error} an invalid `sameSite`
   */
  constructor(data: ICookieStorageData = {}) {
    this.domain = data.domain || undefined
    this.path = data.path || '/'
    const expires: unknown = 'expires' in data ? data.expires : 365
    // acij's type is a number of days; its cookie library also takes a Date, throws at the first
    // setItem for a string, and writes "expires=Invalid Date" for NaN. Refused here before any
    // cookie is written, rather than a string taken as days ('' as 0: every cookie deleted at once)
    if (expires != null && !Number.isFinite(expires instanceof Date ? +expires : expires)) throw argError('The expires value of cookieStorage must be a number of days.')
    this.expires = expires as number | Date | undefined
    this.secure = 'secure' in data ? !!data.secure : true
    this.sameSite = null
    if ('sameSite' in data) {
      if (!['strict', 'lax', 'none'].includes(data.sameSite!)) throw new Error('The sameSite value of cookieStorage must be "lax", "strict" or "none".')
      if (data.sameSite === 'none' && !this.secure) throw new Error('sameSite = None requires the Secure attribute in latest browser versions.')
      this.sameSite = data.sameSite!
    }
  }

  /** Write one cookie, `days` from now or at a Date (negative: delete it; undefined or null: a session cookie, as acij's cookie library reads it). */
  #write(key: string, value: string, days: number | Date | null | undefined): void {
    // the name spelled as acij's cookie library spells it: another spelling is another cookie
    const name = encodeURIComponent(key)
      .replace(/%(2[346B]|5E|60|7C)/g, decodeURIComponent)
      .replace(/[()]/g, (p) => (p == '(' ? '%28' : '%29'))
    // path and domain end at a ";", as acij's cookie library cuts them: no attribute is added through them
    let c = `${name}=${encodeURIComponent(value)}; path=${this.path.split(';')[0]}`
    if (days != null) c += `; expires=${(days instanceof Date ? days : new Date(Date.now() + days * 864e5)).toUTCString()}`
    if (this.domain) c += `; domain=${this.domain.split(';')[0]}`
    if (this.secure) c += '; secure'
    if (this.sameSite) c += `; samesite=${this.sameSite}`
    jar().cookie = c
  }

  /** Store a value; returns what the cookie now holds. */
  setItem(key: string, value: string): string {
    this.#write(key, value, this.expires)
    return this.getItem(key)
  }

  /** A value, or null. */
  getItem(key: string): string {
    return cookies().get(key) ?? (null as unknown as string)
  }

  /** Delete a value. */
  removeItem(key: string): void {
    this.#write(key, '', -1)
  }

  /** Delete every cookie the page sees (with this storage's path and domain). */
  clear(): void {
    for (const name of cookies().keys()) this.removeItem(name)
  }
}
