export default definePageConfig({ navigationBarTitleText: '代他人缴费' })
