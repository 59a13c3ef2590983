import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Tally',
  description: 'Kubernetes cost, capacity and delivery per team',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <span className="brand">Tally</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
