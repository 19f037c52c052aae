// Starts every GOV.UK Frontend component on the page. An ES module: browsers without module support skip it,
// and every page works without it.
import { initAll } from '/lib/govuk/govuk-frontend.min.js'

initAll()
