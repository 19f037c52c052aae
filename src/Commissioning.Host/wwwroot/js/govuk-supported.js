// Loaded as a classic script at the very top of <body>, so the classes are there before the page is painted.
// It is the GOV.UK Frontend template's inline snippet, kept in a file so a strict Content-Security-Policy
// (no 'unsafe-inline', no nonce) allows it. Browsers that cannot run ES modules get only 'js-enabled' and
// so keep the no-JavaScript versions of the components.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
