// The one line the app says something in after an action ("已撤销", a failure's reason): shown on
// the page (the page shell draws it) until the user taps 知道了 or opens another page, never as
// a pop-up that covers the page or vanishes before an older reader has read it (MIIT 适老化).
import { create } from 'zustand'

export type PageMessageKind = 'ok' | 'error'

interface PageMessageState {
  message: { text: string; kind: PageMessageKind; id: number } | null
}

export const usePageMessage = create<PageMessageState>()(() => ({ message: null }))

let next = 0

export function showPageMessage(text: string, kind: PageMessageKind = 'ok'): void {
  usePageMessage.setState({ message: { text, kind, id: ++next } })
}

export function clearPageMessage(): void {
  usePageMessage.setState({ message: null })
}
