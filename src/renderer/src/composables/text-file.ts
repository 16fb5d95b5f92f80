// Files in and out of the page without Node: a picked file read as text, a Blob handed to the browser's download.

/** Reads a file the user picked (an <input type="file">) as UTF-8 text. */
export function readTextFile(file: File): Promise<string> {
  return file.text()
}

/** Saves text as a download named `fileName` through a temporary <a download>. */
export function saveTextFile(fileName: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later: Chromium starts the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
