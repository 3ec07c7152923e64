export default definePageConfig({ navigationBarTitleText: '算一算能报多少' })
