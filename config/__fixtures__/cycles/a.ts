// half of a two-file cycle: proves the cycle test sees one
import { b } from './b'
export const a = () => b
