// "今年的保障": how much of this year's protection a member has used and has left.
import { View, Text } from '@tarojs/components'
import { Money } from '@/components/money'
import { percentUsed, type Meter, type Protection } from '../history'
import './protection-meter.scss'

function Bar({ meter, label }: { meter: Meter; label: string }) {
  const p = percentUsed(meter)
  return (
    <View className='pm-bar' ariaRole='progressbar' ariaLabel={`${label}已用${p}%`}>
      <View className='pm-bar-fill' style={{ width: `${p}%` }} />
    </View>
  )
}

export function ProtectionMeter({ data, name }: { data: Protection; name?: string }) {
  return (
    <View className='protection card' aria-label='今年的保障'>
      <Text className='pm-heading'>
        {name ? `${name} ` : ''}
        {data.year}年的保障
      </Text>
      <View
        className='pm-item pm-cap'
        data-basic-fund={data.basicFund}
        data-used={data.cap?.used ?? ''}
        data-left={data.cap?.left ?? ''}
      >
        <View className='row'>
          <Text>基本医保今年已报</Text>
          <Money value={data.basicFund} />
        </View>
        {data.cap && data.cap.limit !== null && data.cap.left !== null ? (
          <>
            <Bar meter={data.cap} label='年度封顶线' />
            <Text className='pm-note'>
              其中计入年度封顶线的 <Money value={data.cap.used} />
              。一年最多报 <Money value={data.cap.limit} />
              ，还能报 <Money value={data.cap.left} />
            </Text>
          </>
        ) : (
          <Text className='pm-note'>不设年度封顶线</Text>
        )}
      </View>
      <View className='pm-item pm-deductible' data-paid={data.deductiblesPaid}>
        <View className='row'>
          <Text>今年住院 {data.admissions} 次，自己付的起付线</Text>
          <Money value={data.deductiblesPaid} />
        </View>
        <Text className='pm-note'>
          {data.admissions > 0 ? '同一年再住院，起付线会按规定降低。' : '今年还没有住院。'}
        </Text>
      </View>
      {data.outpatient ? (
        <View className='pm-item pm-outpatient' data-used={data.outpatient.used}>
          <View className='row'>
            <Text>门诊统筹已用</Text>
            <Text>
              <Money value={data.outpatient.used} /> / <Money value={data.outpatient.limit} />
            </Text>
          </View>
          <Bar meter={data.outpatient} label='门诊统筹' />
          <Text className='pm-note'>
            今年门诊还能报 <Money value={data.outpatient.left} />
          </Text>
        </View>
      ) : null}
      {data.catastrophic ? (
        <View className='pm-item pm-catastrophic' data-to-go={data.catastrophic.toGo}>
          <View className='row'>
            <Text>大病保险</Text>
            <Text>{data.catastrophic.reached ? '已经开始报' : '还没到起付线'}</Text>
          </View>
          <Bar
            meter={{ used: data.catastrophic.base, limit: data.catastrophic.threshold, left: data.catastrophic.toGo }}
            label='大病保险起付线'
          />
          <Text className='pm-note'>
            {data.catastrophic.reached ? (
              <>
                今年自己付的医保范围内费用已超过 <Money value={data.catastrophic.threshold} />
                ，超出部分大病保险再报一部分。
              </>
            ) : (
              <>
                今年自己付的医保范围内费用 <Money value={data.catastrophic.base} />
                ，再付 <Money value={data.catastrophic.toGo} /> 后，大病保险开始报。
              </>
            )}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
