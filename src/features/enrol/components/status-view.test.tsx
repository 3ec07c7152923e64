import { render, screen } from '@testing-library/react'
import type { Application } from '@/contract'
import { ApplicationStatusView } from './status-view'

const base: Application = {
  applicationId: 'app_1',
  householdId: 'h1',
  kind: 'add_newborn',
  status: 'submitted',
  fields: { name: '阿依古丽·买买提', idNumber: '999901202610010136', relation: '女' },
  documents: [],
  reason: null,
  submittedAt: '2026-11-20T10:00:00+08:00',
  decidedAt: null
}

const doc = (fileName: string) => ({
  documentId: fileName,
  fileName,
  contentType: 'image/jpeg',
  size: 1000,
  uploadedAt: '2026-11-20T10:05:00+08:00'
})

test('submitted without the required photos: says which are still missing, not 审核中', () => {
  render(<ApplicationStatusView app={{ ...base, documents: [doc('birth-certificate-1.jpg')] }} />)
  expect(screen.getByText('还差材料')).toBeInTheDocument()
  expect(screen.getByText('等您上传材料')).toBeInTheDocument()
  expect(screen.getByText('还差：户口本户主页、父亲或母亲的身份证。拍好传上来，县里才能审核。')).toBeInTheDocument()
  expect(screen.queryByText('县里审核中')).toBeNull()
})

test('submitted with every required photo: waiting for the county; the ID number is masked', () => {
  const { container } = render(
    <ApplicationStatusView
      app={{ ...base, documents: [doc('birth-certificate-1.jpg'), doc('hukou-head-1.jpg'), doc('id-card-1.jpg')] }}
    />
  )
  expect(screen.getAllByText('县里审核中').length).toBeGreaterThan(0)
  expect(container.textContent).toContain('999***********0136')
  expect(container.textContent).not.toContain('999901202610010136')
})

test('needs more: says exactly what the county wants and what to do', () => {
  render(
    <ApplicationStatusView
      app={{ ...base, status: 'needs_more', reason: '户口本户主页看不清户号', decidedAt: '2026-11-21T09:00:00+08:00' }}
    />
  )
  expect(screen.getByText('要补充材料')).toBeInTheDocument()
  expect(screen.getByText('户口本户主页看不清户号')).toBeInTheDocument()
  expect(screen.getByText('在下面补拍照片，然后点“补好了，重新提交”。')).toBeInTheDocument()
})

test('rejected: the reason, and where to ask', () => {
  render(
    <ApplicationStatusView
      app={{ ...base, status: 'rejected', reason: '孩子已在外地参保', decidedAt: '2026-11-21T09:00:00+08:00' }}
    />
  )
  expect(screen.getAllByText('没有通过').length).toBeGreaterThan(0)
  expect(screen.getByText('孩子已在外地参保')).toBeInTheDocument()
  expect(screen.getByText('有疑问可以打电话问县医保局，或者改好后重新申请。')).toBeInTheDocument()
})

test('approved: what it means — added, and still to pay; a filing says where and when', () => {
  const { rerender } = render(
    <ApplicationStatusView app={{ ...base, status: 'approved', decidedAt: '2026-11-21T09:00:00+08:00' }} />
  )
  expect(
    screen.getByText('阿依古丽·买买提已加到家里的户上。缴了费看病才能报销，可以在“缴费”里给全家缴。')
  ).toBeInTheDocument()
  rerender(
    <ApplicationStatusView
      app={{
        ...base,
        kind: 'out_of_area_care',
        status: 'approved',
        fields: { personId: 'p1', destination: '广东省东莞市', from: '2026-12-01', to: '2027-11-30' }
      }}
    />
  )
  expect(
    screen.getByText('已备案：广东省东莞市，2026年12月1日到2027年11月30日。在那里看病按备案的比例报销。')
  ).toBeInTheDocument()
})
