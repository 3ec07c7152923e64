// Deliberately wrong: the contract may import only calculator *types*.
import { settleClaim } from '../calculator'
export const x = settleClaim
