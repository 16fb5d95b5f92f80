// Reads an action body the way RestServer does: one action key naming the API, then Gson's type conversion.

/** A request the real server refuses with a plain-text 400 before any API logic runs. */
export class BadRequestError extends Error {}

export type ParamType = 'string' | 'boolean' | 'integer'

export interface ActionBody {
  action: string
  params: Record<string, unknown>
  systemTags: string[] | undefined
  userTags: string[] | undefined
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Parses the raw body; the request's Content-Type is never consulted. */
export function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch (error) {
    throw new BadRequestError(`Invalid JSON body: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Finds the one action key of `actions` in the body; `apiPath` is the URL without the context path, as in the real message. */
export function readActionBody(body: unknown, apiPath: string, actions: readonly string[]): ActionBody {
  const present = isRecord(body) ? actions.filter((name) => Object.hasOwn(body, name)) : []
  const [action] = present
  if (!isRecord(body) || action === undefined) {
    throw new BadRequestError(`the body doesn't contain action mapping to the URL[${apiPath}]`)
  }
  if (present.length > 1) {
    throw new BadRequestError(
      `the body contains more than one action mapping to the URL[${apiPath}]: ${present.join(', ')}`
    )
  }
  const params = body[action]
  if (params !== null && !isRecord(params)) {
    throw new BadRequestError(`the value of action[${action}] must be a JSON object`)
  }
  return {
    action,
    params: params ?? {},
    systemTags: tagList(body.systemTags, 'systemTags'),
    userTags: tagList(body.userTags, 'userTags')
  }
}

function tagList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) {
    throw new BadRequestError(`${name} must be a list of strings`)
  }
  return value as string[]
}

/** Checks each declared parameter's JSON type; absent and null parameters pass, unknown ones are ignored as Gson does. */
export function checkParamTypes(
  action: string,
  params: Record<string, unknown>,
  types: Readonly<Record<string, ParamType>>
): void {
  for (const [name, type] of Object.entries(types)) {
    const value = params[name]
    if (value === undefined || value === null) continue
    const fits =
      type === 'string'
        ? typeof value === 'string'
        : type === 'boolean'
          ? typeof value === 'boolean'
          : typeof value === 'number' && Number.isSafeInteger(value)
    if (!fits) {
      throw new BadRequestError(
        `Invalid value for field[${name}] of ${action}: expected ${type === 'integer' ? 'an integer' : `a ${type}`}, got ${JSON.stringify(value)}`
      )
    }
  }
}

/** The parameter as the API sees it: undefined when absent or null. */
export function optional<T>(params: Record<string, unknown>, name: string): T | undefined {
  const value = params[name]
  return value === null || value === undefined ? undefined : (value as T)
}
