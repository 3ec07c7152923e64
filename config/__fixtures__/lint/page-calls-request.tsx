// Deliberately wrong: only src/services/transport.ts may call Taro.request.
import Taro from '@tarojs/taro'
export const load = () => Taro.request({ url: '/x' })
