import '@testing-library/jest-dom'

// webpack inlines TARO_ENV at build time; under jest we pretend to be the mini-program.
process.env.TARO_ENV = process.env.TARO_ENV || 'weapp'
