export default definePageConfig({ navigationBarTitleText: '门诊慢特病认定' })
