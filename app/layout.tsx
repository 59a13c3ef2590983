import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
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
          <nav className="nav">
            <Link href="/">Overview</Link>
            <Link href="/unallocated">Unallocated</Link>
            <Link href="/delivery">Delivery</Link>
            <Link href="/rightsizing">Right-sizing</Link>
            <Link href="/node-pools">Node pools</Link>
            <Link href="/reports/monthly">Monthly report</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
