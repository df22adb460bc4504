// A file input that also takes files dropped anywhere on its zone.
import { useId, useState } from 'react';

export function FilePicker({ label, hint, accept, multiple, onFiles, children }) {
  const id = useId();
  const [over, setOver] = useState(false);
  const take = (list) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      className={over ? 'drop over' : 'drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        take(e.dataTransfer.files);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        multiple={multiple}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = ''; // choosing the same file again is a new choice
        }}
      />
      <p className="muted">{hint}</p>
      {children}
    </div>
  );
}
