// County API contract. The app imports TYPES only (`import type { Order } from '@/contract'`)
// so the mini-program bundle carries no schema code; the server imports the schemas.
export * from './errors'
export * from './scalars'
export * from './schemas'
export * from './routes'
export { buildOpenApi } from './openapi'
