export default definePageConfig({ navigationBarTitleText: '查看记录' })
