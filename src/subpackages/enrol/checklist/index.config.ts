export default definePageConfig({ navigationBarTitleText: '要准备的材料' })
