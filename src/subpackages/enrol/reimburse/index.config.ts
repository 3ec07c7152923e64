export default definePageConfig({ navigationBarTitleText: '手工报销' })
