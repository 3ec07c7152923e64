export default definePageConfig({ navigationBarTitleText: '通知和公示' })
