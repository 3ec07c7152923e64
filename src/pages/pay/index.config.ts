// 下拉刷新: every figure on the page is asked for again (use-county-data.ts)
export default definePageConfig({ navigationBarTitleText: '缴费', enablePullDownRefresh: true })
