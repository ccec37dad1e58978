-- Drives Neovim's built-in LSP client against `copydesk lsp`: opens a story, reads back the
-- diagnostics, checks their positions (Neovim turns the server's UTF-16 columns into byte
-- columns, so a wrong conversion shows), asks for the code actions at a finding, applies the
-- preferred fix and waits for the finding to go. Run by smoke.sh; reports to $COPYDESK_OUT and
-- exits 0 on success, 1 on failure. Works with Neovim 0.7 (Debian 12) and later.

local bin = os.getenv('COPYDESK_BIN')
local story = os.getenv('COPYDESK_STORY')
local out = assert(io.open(os.getenv('COPYDESK_OUT'), 'w'))

local function say(text)
  out:write(text, '\n')
  out:flush()
end

local function finish(ok, why)
  if not ok then
    say('FAIL: ' .. why)
  else
    say('OK')
  end
  out:close()
  vim.cmd(ok and 'qall!' or 'cquit 1')
end

local function code_of(d)
  if d.code then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

local function find(bufnr, rule)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if code_of(d) == rule then
      return d
    end
  end
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(story))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'copydesk',
    cmd = { bin, 'lsp' },
    root_dir = vim.fn.fnamemodify(story, ':p:h'),
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
  else
    local id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, id)
  end

  if not vim.wait(30000, function() return find(bufnr, 'style.usage') ~= nil end, 50) then
    return finish(false, 'no style.usage diagnostic within 30 s')
  end
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say(string.format('%d:%d: %s: %s', d.lnum + 1, d.col, code_of(d), vim.split(d.message, '\n')[1]))
  end

  -- "alot" comes after curly quotes, accents and an emoji: Neovim's byte column must be the
  -- byte offset of "alot" in its line.
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local row, byte
  for i, line in ipairs(lines) do
    local at = line:find('alot', 1, true)
    if at then
      row, byte = i - 1, at - 1
    end
  end
  local usage = find(bufnr, 'style.usage')
  if usage.lnum ~= row or usage.col ~= byte then
    return finish(false, string.format('style.usage at %d:%d, expected %d:%d', usage.lnum, usage.col, row, byte))
  end
  if not find(bufnr, 'boilerplate.placeholder') then
    return finish(false, 'no boilerplate.placeholder diagnostic')
  end

  -- The code actions at "alot", asked in UTF-16 as the server negotiated.
  local _, utf16 = vim.str_utfindex(lines[row + 1], byte)
  local position = { line = row, character = utf16 }
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = position, ['end'] = position },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local preferred, titles = nil, {}
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if action.isPreferred and not preferred then
        preferred = action
      end
    end
  end
  say('actions: ' .. table.concat(titles, ' | '))
  if not preferred then
    return finish(false, 'no preferred code action at "alot"')
  end
  vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
  say('line after the fix: ' .. vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1])
  if not vim.wait(30000, function() return find(bufnr, 'style.usage') == nil end, 50) then
    return finish(false, 'style.usage still reported after the fix')
  end
  if not find(bufnr, 'boilerplate.placeholder') then
    return finish(false, 'the placeholder finding went too')
  end
  finish(true)
end

local ok, err = pcall(run)
if not ok then
  finish(false, tostring(err))
end
