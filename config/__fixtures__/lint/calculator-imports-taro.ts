// Deliberately wrong: the calculator must not depend on Taro (lint must reject this).
import Taro from '@tarojs/taro'
export const bad = () => Taro.getStorageSync('x')
