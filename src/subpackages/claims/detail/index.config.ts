export default definePageConfig({ navigationBarTitleText: '报销明细' })
