// Official channels (issue 19 item 6): the national 医保电子凭证 villagers show at the clinic
// (opened as WeChat's mini-program on weapp with the appId the build was configured with; on h5,
// and where none is configured, where to find it), which apps and phone numbers are the real
// ones, and the one rule against the "医保停用" scam: 医保 never sends a link to stop your cover.
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ReadAloudButton } from '@/components/read-aloud'
import { useSettings } from '@/features/settings/store'
import './notices.scss'

const VOUCHER_APPID = process.env.MEDICAL_VOUCHER_APPID ?? ''

const WHERE_VOUCHER =
  '在微信里点“我”→“服务”→“城市服务”，找“医保电子凭证”；支付宝里搜“医保电子凭证”；也可以用“国家医保服务平台”App。'

export const SCAM_RULE =
  '医保从来不会发短信或链接让您“停用”“解冻”“退费”。收到这样的短信或电话，不要点链接，不要转钱，不要说验证码。拿不准就打12393问，或者问村干部。'

export function OfficialChannelsScreen() {
  const voice = useSettings((s) => s.voice)
  const [message, setMessage] = useState<string | null>(null)
  const canOpen = process.env.TARO_ENV === 'weapp' && VOUCHER_APPID !== ''
  const openVoucher = () => {
    setMessage(null)
    Taro.navigateToMiniProgram({ appId: VOUCHER_APPID }).catch(() => setMessage(`没有打开。${WHERE_VOUCHER}`))
  }
  return (
    <>
      <View className='card official official--warning' ariaRole='region' ariaLabel='防骗'>
        <Text className='official__title'>防骗：医保从来不发链接</Text>
        <Text className='official__text'>{SCAM_RULE}</Text>
        <ReadAloudButton readKey='official-scam' text={SCAM_RULE} voice={voice} label='防骗提醒' />
      </View>
      <View className='card official' ariaRole='region' ariaLabel='医保电子凭证'>
        <Text className='official__title'>医保电子凭证（看病、买药时出示）</Text>
        {canOpen ? (
          <Button className='btn btn-primary official__open' onClick={openVoucher}>
            打开医保电子凭证
          </Button>
        ) : (
          <Text className='official__text'>{WHERE_VOUCHER}</Text>
        )}
        {message ? (
          <View className='form-error' ariaRole='alert'>
            {message}
          </View>
        ) : null}
      </View>
      <View className='card official' ariaRole='region' ariaLabel='官方渠道'>
        <Text className='official__title'>这些是官方的</Text>
        <Text className='official__item'>• 全国医保服务热线：12393</Text>
        <Text className='official__item'>• “国家医保服务平台”App（国家医疗保障局的）</Text>
        <Text className='official__item'>• 微信、支付宝里的“医保电子凭证”</Text>
        <Text className='official__item'>• 县医保局、乡镇便民服务中心、村委会</Text>
        <Text className='official__item'>• 这个“乡亲医保”：只在这里面交费，不会让您点短信里的链接</Text>
      </View>
    </>
  )
}
