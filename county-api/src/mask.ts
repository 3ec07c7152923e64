// Masking is one module shared with the app: src/shared/mask.ts says the rule.
export { maskBirthCertificate, maskIdNumber, maskName, maskPhone } from '../../src/shared/mask'
