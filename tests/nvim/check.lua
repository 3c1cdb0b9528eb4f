-- Drives Neovim's built-in LSP client against `copydesk lsp` (headless, no plugins):
-- opens an article, waits for diagnostics, asserts the "Rusian" diagnostic and its
-- quick fix arrive, applies the fix and checks the buffer. Works with Neovim 0.7+.
-- Environment: COPYDESK_BIN (the binary), COPYDESK_FILE (an article to open).
local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local bin, file = os.getenv('COPYDESK_BIN'), os.getenv('COPYDESK_FILE')
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'copydesk',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
})
if not client_id then fail('could not start copydesk lsp') end
vim.lsp.buf_attach_client(bufnr, client_id)

if not vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100) then
  fail('no diagnostics within 30 s')
end
local found
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  if d.message:find("'Rusian'") then found = d end
end
if not found then fail('no Rusian diagnostic: ' .. vim.inspect(vim.diagnostic.get(bufnr))) end
if found.lnum ~= 2 or found.col ~= 8 then
  fail(('Rusian diagnostic at %d:%d, expected 2:8'):format(found.lnum, found.col))
end

-- The story is ASCII, so Neovim's byte columns are also UTF-16 columns.
local range = {
  start = { line = found.lnum, character = found.col },
  ['end'] = { line = found.end_lnum, character = found.end_col },
}
local lsp_diag = vim.tbl_extend('force', (found.user_data and found.user_data.lsp) or {}, { range = range })
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = range,
  context = { diagnostics = { lsp_diag } },
}
local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
local fix
for _, r in pairs(responses) do
  for _, a in ipairs(r.result or {}) do
    if a.title == "Replace with 'Russian'" then fix = a end
  end
end
if not fix then fail('no "Replace with \'Russian\'" code action: ' .. vim.inspect(responses)) end
vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
local line = vim.api.nvim_buf_get_lines(bufnr, 2, 3, false)[1]
if line ~= 'The top Russian diplomat said talks would resume.' then fail('after the fix: ' .. line) end

io.stdout:write('OK: ' .. found.message .. ' -> ' .. fix.title .. '\n')
vim.lsp.stop_client(client_id)
vim.cmd('qall!')
