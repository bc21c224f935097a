// Progressive enhancement for the capture page: every form works without
// this file. It keeps a draft of each section in localStorage, so nothing
// typed is lost if the connection drops before a save, and makes the vote
// grid fast to fill from the keyboard.
const root = document.getElementById('capture')

if (root) {
  const session = root.dataset.session
  const saved = root.dataset.saved
  const key = (section) => 'peervoice:capture:' + session + ':' + section

  // read returns a section's fields as a plain object.
  const read = (form) => {
    const out = {}
    for (const el of form.querySelectorAll('textarea, select, input[type=text], input:not([type])')) {
      if (el.name) out[el.name] = el.value
    }
    return out
  }

  const storage = (() => {
    try {
      const s = window.localStorage
      s.setItem('peervoice:probe', '1')
      s.removeItem('peervoice:probe')
      return s
    } catch {
      return null // private mode or storage disabled: no drafts
    }
  })()

  for (const form of root.querySelectorAll('form[data-section]')) {
    const section = form.dataset.section
    const status = form.querySelector('[data-status]')
    const say = (text) => { if (status) status.textContent = text }
    if (!storage) continue
    if (section === saved) {
      storage.removeItem(key(section)) // the server has it now
      say('Saved')
    } else {
      restore(form, storage.getItem(key(section)), say)
    }
    form.addEventListener('input', () => {
      storage.setItem(key(section), JSON.stringify(read(form)))
      say('Not saved yet')
    })
  }

  // restore fills the empty fields of a form from its draft; what the
  // server sent back (a refused save) wins over an older draft.
  function restore (form, draft, say) {
    if (!draft) return
    let fields
    try { fields = JSON.parse(draft) } catch { return }
    let restored = false
    for (const [name, value] of Object.entries(fields)) {
      const el = form.elements.namedItem(name)
      if (el && 'value' in el && el.value === '' && value !== '') {
        el.value = value
        restored = true
      }
    }
    if (restored) say('Not saved yet: restored what you typed before')
  }

  const grid = root.querySelector('[data-grid]')
  if (grid) enhanceGrid(grid)
}

// enhanceGrid makes a/d/p move to the next cell and the arrow keys move
// around the grid.
function enhanceGrid (grid) {
  const rows = [...grid.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('input')])
  const at = (r, c) => rows[r] && rows[r][c]
  const find = (el) => {
    for (let r = 0; r < rows.length; r++) {
      const c = rows[r].indexOf(el)
      if (c >= 0) return [r, c]
    }
    return [-1, -1]
  }
  const next = (r, c) => (c + 1 < rows[r].length ? [r, c + 1] : [r + 1, 0])
  const moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }
  grid.addEventListener('keydown', (ev) => {
    const el = ev.target
    if (el.tagName !== 'INPUT' || ev.ctrlKey || ev.metaKey || ev.altKey) return
    const [r, c] = find(el)
    const k = ev.key.toLowerCase()
    if (k === 'a' || k === 'd' || k === 'p') {
      ev.preventDefault()
      el.value = k
      el.dispatchEvent(new Event('input', { bubbles: true }))
      const target = at(...next(r, c))
      if (target) target.focus()
      return
    }
    const m = moves[ev.key]
    if (m) {
      const target = at(r + m[0], c + m[1])
      if (target) {
        ev.preventDefault()
        target.focus()
        target.select()
      }
    }
  })
}
