import Taro from '@tarojs/taro'
import { formatDate } from '@/services/time'
import type { Person } from '../contract'
import { normaliseName } from './names'

export const odd = (p: Person) => [Taro.getEnv(), formatDate(p.birthDate), normaliseName(p.name)]
