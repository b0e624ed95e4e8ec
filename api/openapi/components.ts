import type { GenerateSpecOptions } from 'hono-openapi';
import { CSRF_HEADER, SESSION_COOKIE } from '../auth/middleware.ts';

type Components = NonNullable<GenerateSpecOptions['documentation']['components']>;
type Schema = NonNullable<Components['schemas']>[string];
type Response = { description: string; content: Record<string, { schema: { $ref: string } }> };
type SecurityRequirement = Record<string, string[]>;

/** Every error answer of the API (app.ts `errorBody`): extra members (`allowed`, `retryAfterSeconds`, ...) may follow. */
const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: '机器可读的错误代码 (machine-readable code)' },
        message: { type: 'string', description: '说明 (human-readable message)' },
        fields: {
          type: 'object',
          additionalProperties: { type: 'string' },
          description: '逐字段的问题，键为点分路径 (one message per field, keyed by dotted path)',
        },
      },
      additionalProperties: true,
    },
  },
};

/** The statuses the API answers with the error body, the name of each one's component and its codes. */
export const ERROR_ANSWERS = {
  '400': { name: 'BadRequest', text: '请求无效 (invalid request)', codes: ['invalid_request', 'unsupported_file_type', 'unreadable_file'] },
  '401': { name: 'Unauthenticated', text: '未登录或会话已失效 (no live session)', codes: ['unauthenticated', 'invalid_credentials', 'invalid_device_token'] },
  '403': { name: 'Forbidden', text: '无权访问 (role, scope or CSRF refused)', codes: ['forbidden', 'out_of_scope', 'csrf_failed'] },
  '404': { name: 'NotFound', text: '不存在 (no such record or endpoint)', codes: ['not_found'] },
  '409': {
    name: 'Conflict',
    text: '与当前状态冲突 (conflicts with the current state)',
    codes: ['idempotency_key_reused', 'client_id_taken', 'illegal_transition', 'username_taken'],
  },
  '413': { name: 'PayloadTooLarge', text: '请求体过大 (body over the limit)', codes: ['payload_too_large'] },
  '415': { name: 'UnsupportedMediaType', text: '请求体须为 JSON (send JSON)', codes: ['unsupported_media_type'] },
  '422': {
    name: 'Unprocessable',
    text: '内容无法接受 (well-formed but not acceptable)',
    codes: [
      'outside_county',
      'no_village',
      'unknown_village',
      'no_routing_rule',
      'unknown_officer',
      'officer_not_linked',
      'time_in_future',
      'time_before_previous',
      'import_rejected',
      'import_too_complex',
    ],
  },
  '429': { name: 'TooManyAttempts', text: '尝试过多，稍后再试 (too many attempts; see Retry-After)', codes: ['too_many_attempts'] },
  '503': {
    name: 'Unavailable',
    text: '暂不可用，稍后再试 (database down, server busy or request too slow; see Retry-After)',
    codes: ['db_unavailable', 'busy', 'request_timeout'],
  },
} as const;

export type ErrorAnswer = keyof typeof ERROR_ANSWERS;

function errorResponse({ text, codes }: { text: string; codes: readonly string[] }): Response {
  return {
    description: `${text}. error.code: ${codes.join(', ')}`,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
}

export const COMPONENTS: Components = {
  schemas: { Error: ERROR_SCHEMA },
  responses: Object.fromEntries(Object.values(ERROR_ANSWERS).map((a) => [a.name, errorResponse(a)])),
  securitySchemes: {
    session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'POST /api/auth/login 或 /api/auth/device 设置的会话 (the session cookie set at sign-in)' },
    csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: '会话的 csrfToken，凭会话写入时必带 (the session’s csrfToken; required on writes made with the cookie)' },
    cli: { type: 'http', scheme: 'bearer', description: '本机命令行令牌 (the local CLI’s per-start token)' },
  },
};

/** A read needs a session (or the CLI's token); a write with the cookie also needs the CSRF header. */
export const READ_SECURITY: SecurityRequirement[] = [{ session: [] }, { cli: [] }];
export const WRITE_SECURITY: SecurityRequirement[] = [{ session: [], csrf: [] }, { cli: [] }];
