// Progressive enhancement only: every page works without this file.
// It marks the body as able to run GOV.UK Frontend's JavaScript (which the
// GOV.UK template does with an inline script, refused by our CSP) and then
// starts the components.
import { initAll, isSupported } from './govuk/govuk-frontend.min.js'

document.body.classList.add('js-enabled')
if (isSupported()) {
  document.body.classList.add('govuk-frontend-supported')
  initAll()
}
