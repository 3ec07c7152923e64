// Demo county: invented places and people. Names include rare characters (CJK extension A/B)
// and Uyghur names with the middle dot, because real rosters have them and apps break on them.
export const TOWNSHIPS = [
  { name: '石桥镇', villages: ['青石村', '柳湾村', '河口村', '新华村'] },
  { name: '云岭乡', villages: ['云岭村', '茶园村', '上坪村'] },
  { name: '清溪镇', villages: ['清溪村', '竹林村', '白沙村'] }
]

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '胡',
  '朱',
  '郭',
  '何',
  '罗',
  '高',
  '林',
  '欧阳',
  '司马'
]
export const GIVEN_MALE = [
  '建国',
  '德福',
  '志强',
  '国庆',
  '海涛',
  '明',
  '伟',
  '磊',
  '军',
  '喆',
  '堃',
  '赟',
  '䶮',
  '浩然',
  '子轩',
  '宇航',
  '永福',
  '长顺'
]
export const GIVEN_FEMALE = [
  '秀英',
  '桂兰',
  '玉珍',
  '小燕',
  '丽',
  '芳',
  '静',
  '婷',
  '𠮷祥',
  '玥',
  '淑芬',
  '春梅',
  '雨桐',
  '欣怡',
  '梓涵',
  '翠花'
]
export const UYGHUR_MALE = ['买买提·艾力', '艾力·吐尔逊', '阿不都·热合曼', '努尔·买买提']
export const UYGHUR_FEMALE = ['阿依古丽·买买提', '古丽娜尔·吐尔逊', '热依拉·艾买提', '帕提古丽·阿不都']
