export default definePageConfig({ navigationBarTitleText: '定点医院' })
