// Autosave for evidence notes: posts the text a second after the inspector stops typing and keeps
// a local copy until the server confirms, so a dropped connection never loses what was typed.
const field = document.querySelector('[data-autosave-url]');
if (field) {
  const url = field.dataset.autosaveUrl;
  const status = document.getElementById('autosave-status');
  const key = 'areasend-draft:' + url;
  const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
  const saved = window.localStorage.getItem(key);
  if (saved && saved !== field.value) {
    field.value = saved;
    status.textContent = 'We restored text you had typed that was not yet saved.';
  }
  let timer;
  const save = async () => {
    const body = new URLSearchParams({ text: field.value, csrfmiddlewaretoken: token });
    try {
      const response = await fetch(url, { method: 'POST', body, headers: { 'X-CSRFToken': token } });
      const result = await response.json();
      if (result.saved) {
        window.localStorage.removeItem(key);
        status.textContent = 'Saved at ' + result.at;
      } else {
        status.textContent = 'Not saved: ' + result.error;
      }
    } catch (error) {
      status.textContent = 'Not saved yet: you appear to be offline. Your text is kept on this device.';
    }
  };
  field.addEventListener('input', () => {
    window.localStorage.setItem(key, field.value);
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  });
}
