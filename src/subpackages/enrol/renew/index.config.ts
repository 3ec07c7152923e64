export default definePageConfig({ navigationBarTitleText: '在外地续保' })
