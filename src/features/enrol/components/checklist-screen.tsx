// The papers an application needs, shown BEFORE the user starts it.
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { ApplicationKind } from '@/contract'
import { CHECKLISTS, checklistFor } from '../documents'
import { DocumentChecklist } from './checklist'

const FORM: Record<ApplicationKind, string> = {
  add_newborn: '/subpackages/enrol/add-member/index?kind=add_newborn',
  add_marriage: '/subpackages/enrol/add-member/index?kind=add_marriage',
  add_return: '/subpackages/enrol/add-member/index?kind=add_return',
  out_of_area_care: '/subpackages/enrol/out-of-area/index',
  renew_remote: '/subpackages/enrol/renew/index',
  add_id_number: '/subpackages/enrol/index/index', // started from the child's card there
  chronic_disease: '/subpackages/enrol/chronic/index',
  assist_consent: '/subpackages/staff/assist/index', // the assistant's page (h5 workspace)
  reimbursement: '/subpackages/enrol/reimburse/index'
}

export function ChecklistScreen() {
  const raw = useRouter().params.kind ?? ''
  const kind = (raw in CHECKLISTS ? raw : 'add_newborn') as keyof typeof CHECKLISTS
  const list = checklistFor(kind)
  return (
    <>
      <DocumentChecklist list={list} />
      {kind !== 'catastrophic_claim' ? (
        <View>
          <Button
            className='btn btn-primary enrol-checklist__start'
            onClick={() => {
              void Taro.redirectTo({ url: FORM[kind] })
            }}
          >
            材料准备好了，开始填写
          </Button>
          <Text className='enrol-hint'>
            先填表提交，再一张张拍照上传。没拍完也没关系，填的内容和选好的照片会保存在手机上。
          </Text>
        </View>
      ) : (
        <Button
          className='btn'
          onClick={() => {
            void Taro.navigateBack()
          }}
        >
          知道了
        </Button>
      )}
    </>
  )
}
