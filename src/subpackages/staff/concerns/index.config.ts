export default definePageConfig({ navigationBarTitleText: '村民反映' })
