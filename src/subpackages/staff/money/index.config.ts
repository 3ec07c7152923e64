export default definePageConfig({ navigationBarTitleText: '要处理的钱' })
