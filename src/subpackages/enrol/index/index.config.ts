export default definePageConfig({ navigationBarTitleText: '在外地办参保' })
