export default definePageConfig({ navigationBarTitleText: '给家里添人' })
