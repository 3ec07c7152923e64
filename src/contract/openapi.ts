import { routes, TAGS, type RouteDef } from './routes'
import { ERROR_CODES } from './errors'
import { ErrorBody } from './schemas'

/** The OpenAPI 3.1 document built from the route table (served at GET /openapi.json). */
export function buildOpenApi(serverUrl?: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const [id, def] of Object.entries(routes) as [string, RouteDef][]) {
    const path = def.url.replace(/:(\w+)/g, '{$1}')
    const parameters: unknown[] = []
    for (const [where, schema] of [
      ['path', def.params],
      ['query', def.querystring],
      ['header', def.headers]
    ] as const) {
      const props = schema as { properties?: Record<string, unknown>; required?: string[] } | undefined
      if (!props?.properties) continue
      for (const [name, s] of Object.entries(props.properties)) {
        parameters.push({
          name,
          in: where,
          required: where === 'path' || (props.required ?? []).includes(name),
          schema: s
        })
      }
    }
    const responses: Record<string, unknown> = {}
    for (const [status, schema] of Object.entries(def.response)) {
      responses[status] = { description: 'OK', content: { [def.produces ?? 'application/json']: { schema } } }
    }
    responses.default = {
      description: def.errors
        ? `错误（code + message + details）：${def.errors.join('、')}`
        : '错误（code + message + details）',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
    }
    const security =
      def.auth === 'user' || def.auth === 'reviewer' || def.auth === 'supervisor' || def.auth === 'assistant'
        ? [{ bearer: [] }]
        : def.auth === 'provider'
          ? [def.paymentMode === 'wechat' ? { wechatpaySignature: [] } : { notifySignature: [] }]
          : []
    paths[path] ??= {}
    paths[path][def.method.toLowerCase()] = {
      operationId: id,
      summary: def.summary,
      tags: [def.tag],
      security,
      'x-grant-scope': def.scope,
      ...(def.paymentMode ? { 'x-payment-mode': def.paymentMode } : {}),
      ...(def.errors ? { 'x-error-codes': def.errors } : {}),
      parameters,
      requestBody: def.body
        ? { required: true, content: { 'application/json': { schema: def.body } } }
        : def.multipart
          ? {
              required: true,
              content: {
                'multipart/form-data': {
                  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } }
                }
              }
            }
          : undefined,
      responses
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '乡亲医保 县级接口',
      version: '1.0.0',
      description: 'County API contract. Money is a decimal string with two places; times are ISO 8601 with +08:00.'
    },
    servers: serverUrl ? [{ url: serverUrl }] : [],
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { Error: ErrorBody },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: '不透明会话令牌' },
        notifySignature: {
          type: 'apiKey',
          in: 'header',
          name: 'x-notify-signature',
          description: '模拟支付方：HMAC-SHA256(body) 十六进制（只在 PAYMENT_MODE=simulated）'
        },
        wechatpaySignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Wechatpay-Signature',
          description:
            '微信支付 APIv3：Wechatpay-Serial 选公钥（微信支付公钥 ID 或平台证书序列号），SHA256withRSA 验签 `Wechatpay-Timestamp\\nWechatpay-Nonce\\n原文\\n`，时间差不超过 5 分钟'
        }
      }
    },
    'x-error-codes': Object.fromEntries(Object.entries(ERROR_CODES).map(([c, v]) => [c, v]))
  }
}
