export default definePageConfig({ navigationBarTitleText: '官方渠道和防骗' })
