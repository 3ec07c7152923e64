// The e-receipt: every member by name, amounts, receipt number, payer and time. Works from
// the phone's saved copy when offline; can be turned into a picture to send to family.
import { useState } from 'react'
import { View, Text, Button, Canvas, Image } from '@tarojs/components'
import type { Receipt } from '@/contract'
import { Money } from '@/components/money'
import { memberIdText } from '@/shared/mask'
import { BenefitDates } from '@/components/benefit-dates'
import { makeLineImage } from '@/components/line-image/make'
import { receiptLines, receiptTime } from '../receipt-image'
import './pay.scss'

interface Props {
  receipt: Receipt
  /** who paid, e.g. "王**（本户家人）" (masked name from the county's receipt) */
  payerText: string | null
}

const CANVAS_ID = 'receipt-canvas'

export function ReceiptView({ receipt, payerText }: Props) {
  const [image, setImage] = useState<string | null>(null)
  const [shareError, setShareError] = useState<string | null>(null)

  const share = async () => {
    setShareError(null)
    try {
      setImage(await makeLineImage(receiptLines(receipt, payerText), CANVAS_ID))
    } catch {
      setShareError('图片没有生成成功，可以截屏发给家人')
    }
  }

  return (
    <View className='receipt-wrap'>
      <View className='card receipt' ariaRole='region' ariaLabel='缴费票据'>
        <Text className='receipt__title'>城乡居民医保缴费电子票据</Text>
        <Text className='receipt__no'>票据号 {receipt.receiptNumber}</Text>
        <View className='receipt__row'>
          <Text>缴费年度</Text>
          <Text>{receipt.year}年</Text>
        </View>
        <View className='receipt__row'>
          <Text>合计金额</Text>
          <Money value={receipt.amount} className='receipt__amount' />
        </View>
        <View className='receipt__row'>
          <Text>付款时间</Text>
          <Text>{receiptTime(receipt.paidAt)}</Text>
        </View>
        <View className='receipt__row'>
          <Text>入账时间</Text>
          <Text>{receiptTime(receipt.issuedAt)}</Text>
        </View>
        {payerText ? (
          <View className='receipt__row'>
            <Text>缴费人</Text>
            <Text>{payerText}</Text>
          </View>
        ) : null}
        <View className='receipt__row'>
          <Text>开票单位</Text>
          <Text>{receipt.issuer}</Text>
        </View>
        <Text className='pay-section-title'>参保人员（{receipt.persons.length}人）</Text>
        {receipt.persons.map((p, i) => (
          <View key={`${p.name}-${i}`} className='receipt__person'>
            <View className='receipt__person-head'>
              <Text className='receipt__person-name'>{p.name}</Text>
              <Money value={p.amount} />
            </View>
            <Text className='receipt__person-id'>{memberIdText(p)}</Text>
            <BenefitDates
              className='receipt__person-benefit'
              start={p.benefitStart}
              end={p.benefitEnd}
              waiting={p.benefitStart > p.coverageStart}
            />
          </View>
        ))}
      </View>
      <Button className='btn btn-primary receipt__share' onClick={share}>
        做成图片发给家人
      </Button>
      {shareError ? <Text className='pay-error'>{shareError}</Text> : null}
      {image ? (
        <View className='card'>
          <Text className='muted'>{process.env.TARO_ENV === 'h5' ? '长按图片可以保存或发送给家人' : '已生成图片'}</Text>
          <Image className='receipt__image' src={image} mode='widthFix' />
        </View>
      ) : null}
      {process.env.TARO_ENV !== 'h5' ? <Canvas type='2d' id={CANVAS_ID} className='receipt__canvas' /> : null}
    </View>
  )
}
