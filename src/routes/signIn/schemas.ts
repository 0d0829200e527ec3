import { z } from 'zod'

export const signInFields = ['email', 'password'] as const

export const signInSchema = z.strictObject({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .max(320, 'Enter an email address of 320 characters or fewer'),
  password: z
    .string({ error: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(1024, 'Enter a password of 1024 characters or fewer'),
  returnTo: z.string().optional(),
})
