/**
 * Simulate a runtime that lacks some web globals (React Native without polyfills, Jest's jsdom, an
 * `http:` page without `crypto.subtle`): `hidden(['crypto.subtle', 'TextEncoder'], fn)` runs `fn`
 * with those globals undefined and puts them back afterwards, even when `fn` throws. A dotted path
 * hides one member of a global object (the object is replaced by a copy without it, its methods
 * bound to the original). `serve(f)` wraps a server's `fetch` (the stub or the local pool) so the
 * globals are back while the server works: only the library under test runs without them.
 * Web globals only (portable).
 */

function hide(path: string): () => void {
  const [name, member] = path.split('.') as [string, string | undefined]
  const g = globalThis as Record<string, any>
  const before = Object.getOwnPropertyDescriptor(g, name)
  let value: unknown
  if (member) {
    const orig = g[name]
    const copy: Record<string, unknown> = Object.create(null)
    for (const k of ['subtle', 'getRandomValues', 'randomUUID', 'timeout', 'abort', 'any']) {
      const v = orig?.[k]
      if (k !== member && v !== undefined) copy[k] = typeof v === 'function' ? v.bind(orig) : v
    }
    value = typeof orig === 'function' ? Object.assign(function (this: unknown, ...a: unknown[]) { return new orig(...a) }, copy) : copy
  }
  Object.defineProperty(g, name, { value, configurable: true, writable: true, enumerable: false })
  return () => {
    if (before) Object.defineProperty(g, name, before)
    else delete g[name]
  }
}

/** What is hidden now: the paths and how to put each back. */
let active: { paths: string[]; restore: Array<() => void> } | undefined

const putBack = (a: { restore: Array<() => void> }): void => {
  for (const r of [...a.restore].reverse()) r()
}

/** Run `fn` with the globals at `paths` undefined; they are restored when it settles. */
export async function hidden<T>(paths: string[], fn: () => Promise<T> | T): Promise<T> {
  const a = (active = { paths, restore: paths.map(hide) })
  try {
    return await fn()
  } finally {
    putBack(a)
    active = undefined
  }
}

/**
 * `f` with the hidden globals back while it runs (the server side of a test works in the real
 * runtime), hidden again before its answer reaches the library.
 */
export function serve<F extends (...a: any[]) => Promise<Response>>(f: F): F {
  return (async (...args: unknown[]) => {
    const a = active
    if (a) putBack(a)
    try {
      const res = await f(...args)
      // the body read now, with the globals present; the library reads this copy
      return new Response(await res.text(), { status: res.status, headers: res.headers })
    } finally {
      if (a) a.restore = a.paths.map(hide)
    }
  }) as F
}
