import { Link } from '../router.js';

const tools = [
  { to: '/image', name: 'Image studio', what: 'Blur, sharpen, edges, resize a photo with Go kernels, split across every core.' },
  { to: '/hash', name: 'File hasher', what: 'SHA-256, SHA-512 and MD5 of files of any size, streamed, in parallel.' },
  { to: '/data', name: 'Data', what: 'Statistics, histograms and a regression of a CSV file.' },
  { to: '/bench', name: 'Benchmarks', what: 'How Go in the browser compares with JavaScript, Rust and WebCrypto, measured here.' },
];

export default function Home() {
  return (
    <>
      <p className="lead">
        Tools written in Go, compiled to WebAssembly and run on your machine: your files never leave it. Heavy work runs in
        Web Workers, so the page stays responsive.
      </p>
      <ul className="cards">
        {tools.map((t) => (
          <li key={t.to}>
            <Link to={t.to}>{t.name}</Link>
            <p>{t.what}</p>
          </li>
        ))}
        <li>
          <a href="/vue/">The hasher and data tools in Vue</a>
          <p>The same Go modules, driven by Vue 3's useGo.</p>
        </li>
        <li>
          <a href="/goapp/">The hasher and data tools in pure Go</a>
          <p>Written with go-app: Go components calling the same Go code, no JavaScript of ours.</p>
        </li>
      </ul>
    </>
  );
}
