// Codes of the quote's issues that the app acts on (shared by the county API and the app; the
// contract carries types only to the app). Every other issue is shown as the county words it.

/** The county collects through the tax bureau: the app shows the amount and where to pay it instead. */
export const TAX_BUREAU_ISSUE = 'COLLECTED_BY_TAX_BUREAU'
