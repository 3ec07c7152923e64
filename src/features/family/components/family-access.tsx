// The head's family-access page: create a one-time invite with chosen scopes, see who has
// access and what they looked at, revoke with one tap.
import { View, Text, Button, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { AccessLogEntry, Grant, Invitation, Scope } from '@/contract'
import { announceChange, householdTopic, useCountyChanges } from '@/services/county-changes'
import { call } from '@/services/county-client'
import { formatInstant } from '@/services/time'
import { OfflineBanner } from '@/components/offline-banner'
import { imageLabel } from '@/components/control-label'
import { useActiveLink } from '@/features/session/store'
import { NotifyMe } from '@/features/settings/components/notify-me'
import { actionLabel } from '@/shared/access-actions'
import { ALL_SCOPES, SCOPE_TEXT, toggleScope } from '../scopes'
import { inviteQr } from '../invite-qr'
import { AssistedBy } from './assisted-by'
import { BoundAccounts } from './bound-accounts'
import './family-access.scss'

// the county keeps invitation codes short-lived (INVITATION_MAX_MINUTES, 1 day by default)
const TTL = [
  { minutes: 60 * 24, text: '1天内有效' },
  { minutes: 60, text: '1小时内有效' }
]

export function FamilyAccess() {
  const link = useActiveLink()
  const householdId = link?.householdId ?? null
  const [scopes, setScopes] = useState<Scope[]>(['status'])
  const [ttl, setTtl] = useState(TTL[0].minutes)
  const [invite, setInvite] = useState<Invitation | null>(null)
  // drawn once per invite: shown in person, scanned by the family member's 扫一扫
  const qrSrc = useMemo(() => (invite ? inviteQr(invite.code).src : null), [invite])
  const [grants, setGrants] = useState<Grant[] | null>(null)
  const [log, setLog] = useState<AccessLogEntry[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    if (!householdId) return
    const [g, l] = await Promise.all([
      call('listGrants', { params: { householdId } }),
      call('accessLog', { params: { householdId } })
    ])
    if (g.ok) setGrants(g.data.grants.filter((x) => !x.revokedAt))
    else setMessage(g.error.message)
    if (l.ok) setLog(l.data.entries)
  }, [householdId])

  // a grant given or taken back (here, or a family member accepting the invite shown here): ask again
  const changes = useCountyChanges(householdId ? [householdTopic(householdId)] : [])
  useEffect(() => {
    load()
  }, [load, changes])

  if (!link || link.relation !== 'head') {
    return (
      <View className='card'>
        <Text>只有户主可以邀请家人查看。</Text>
      </View>
    )
  }

  return (
    <View className='family-access'>
      <OfflineBanner hasCachedData={false} />
      <BoundAccounts householdId={link.householdId} />
      <NotifyMe householdId={link.householdId} kinds={['binding']} label='有人绑定我家时，微信通知我' />
      <View className='card'>
        <Text className='section-title'>邀请家人</Text>
        <Text className='muted'>选好家人能做什么，生成邀请码，当面给家人看或念给他听。</Text>
        {ALL_SCOPES.map((s) => (
          <Button
            key={s}
            className={`btn family-access__scope family-access__scope--${s}${scopes.includes(s) ? ' btn-primary' : ''}`}
            ariaLabel={`${SCOPE_TEXT[s]}${scopes.includes(s) ? '，已选' : '，未选'}`}
            onClick={() => setScopes(toggleScope(scopes, s))}
          >
            {scopes.includes(s) ? '☑' : '☐'} {SCOPE_TEXT[s]}
          </Button>
        ))}
        <View className='family-access__ttl'>
          {TTL.map((t) => (
            <Button
              key={t.minutes}
              className={`btn${ttl === t.minutes ? ' btn-primary' : ''}`}
              onClick={() => setTtl(t.minutes)}
            >
              {t.text}
            </Button>
          ))}
        </View>
        <Button
          className='btn btn-primary family-access__create'
          disabled={busy}
          onClick={async () => {
            setBusy(true)
            setMessage(null)
            const r = await call('createInvitation', {
              params: { householdId: link.householdId },
              body: { scopes, ttlMinutes: ttl }
            })
            setBusy(false)
            if (r.ok) setInvite(r.data)
            else setMessage(r.error.message)
          }}
        >
          生成邀请码
        </Button>
        {invite ? (
          <View className='family-access__invite' ariaRole='region' ariaLabel='邀请码'>
            <Image
              className='family-access__qr'
              src={qrSrc ?? ''}
              mode='aspectFit'
              {...imageLabel(`邀请二维码，邀请码 ${invite.code}`)}
            />
            <Text className='muted'>请家人用微信“扫一扫”扫这个码，或输入下面的邀请码</Text>
            <Text className='family-access__code'>{invite.code}</Text>
            <Text>可以：{invite.scopes.map((s) => SCOPE_TEXT[s]).join('、')}</Text>
            <Text className='muted'>{formatInstant(invite.expiresAt)}前有效，只能用一次</Text>
            <Button className='btn' onClick={() => Taro.setClipboardData({ data: invite.code }).catch(() => {})}>
              复制邀请码
            </Button>
          </View>
        ) : null}
        {message ? (
          <View className='form-error' ariaRole='alert'>
            {message}
          </View>
        ) : null}
      </View>

      <View className='card'>
        <Text className='section-title'>谁能看我家</Text>
        {grants === null ? <Text className='muted'>正在读取…</Text> : null}
        {grants && grants.length === 0 ? <Text className='muted family-access__none'>现在没有家人能看。</Text> : null}
        {grants?.map((g) => (
          <View key={g.grantId} className='family-access__grant' data-grant={g.grantId}>
            <View>
              <Text className='family-access__grantee'>{g.granteeName}</Text>
              <Text className='muted'>可以{g.scopes.map((s) => SCOPE_TEXT[s]).join('、')}</Text>
            </View>
            <Button
              className='btn family-access__revoke'
              ariaLabel={`撤销${g.granteeName}的权限`}
              onClick={async () => {
                const r = await call('revokeGrant', { params: { grantId: g.grantId } })
                if (r.ok) {
                  setMessage(`已撤销${g.granteeName}的权限`)
                  // every screen about the household asks again (this one reloads by the announcement)
                  if (householdId) announceChange([householdTopic(householdId)])
                  else load()
                } else setMessage(r.error.message)
              }}
            >
              撤销
            </Button>
          </View>
        ))}
      </View>

      <AssistedBy householdId={link.householdId} />

      <View className='card'>
        <Text className='section-title'>家人查看记录</Text>
        {log.length === 0 ? <Text className='muted'>还没有记录。</Text> : null}
        {log.slice(0, 30).map((e, i) => (
          <View key={`${e.at}-${i}`} className='family-access__log'>
            <Text>
              {formatInstant(e.at)} {e.granteeName}
            </Text>
            <Text className='muted'>{actionLabel(e.action)}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
