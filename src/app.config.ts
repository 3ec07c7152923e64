// Main package = the four tab pages only (thin shells); every other page lives in a
// domain subpackage so the main package stays far below WeChat's 2 MB cap.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/pay/index', 'pages/claims/index', 'pages/me/index'],
  subPackages: [
    {
      root: 'subpackages/pay',
      pages: ['quote/index', 'order/index', 'cashier/index', 'receipt/index', 'others/index']
    },
    {
      root: 'subpackages/enrol',
      pages: [
        'index/index',
        'checklist/index',
        'add-member/index',
        'out-of-area/index',
        'renew/index',
        'status/index',
        'chronic/index',
        'reimburse/index'
      ]
    },
    { root: 'subpackages/account', pages: ['sign-in/index', 'bind/index', 'family/index', 'accept/index'] },
    { root: 'subpackages/claims', pages: ['detail/index', 'estimate/index', 'institutions/index'] },
    { root: 'subpackages/notices', pages: ['index/index', 'detail/index', 'official/index'] },
    { root: 'subpackages/household', pages: ['statement/index'] },
    // the county staff's workspace and the assistants' page: in the h5 build only, never in the mini-program
    ...(process.env.TARO_ENV === 'h5'
      ? [
          {
            root: 'subpackages/staff',
            pages: [
              'queue/index',
              'application/index',
              'money/index',
              'concerns/index',
              'notices/index',
              'audit/index',
              'assist/index'
            ]
          }
        ]
      : [])
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#1b7f4c',
    navigationBarTitleText: '乡亲医保',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f6f4'
  },
  // drawn by the app (src/custom-tab-bar, src/shell/tab-bar.tsx) so its labels grow in elderly mode;
  // the list still names the tab pages (switchTab) and the icons WeChat shows before the app starts
  tabBar: {
    custom: true,
    color: '#4a4a4a',
    selectedColor: '#1b7f4c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '参保',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png'
      },
      {
        pagePath: 'pages/pay/index',
        text: '缴费',
        iconPath: 'assets/tab/pay.png',
        selectedIconPath: 'assets/tab/pay-active.png'
      },
      {
        pagePath: 'pages/claims/index',
        text: '报销',
        iconPath: 'assets/tab/claims.png',
        selectedIconPath: 'assets/tab/claims-active.png'
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png'
      }
    ]
  }
})
